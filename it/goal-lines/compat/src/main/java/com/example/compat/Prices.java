package com.example.compat;

public class Prices {
    public int total(int amount) {
        return amount;
    }
}
