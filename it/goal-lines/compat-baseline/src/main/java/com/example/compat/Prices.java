package com.example.compat;

public class Prices {
    public int total(int amount) {
        return amount;
    }

    public int discount(int amount) {
        return amount / 10;
    }
}
