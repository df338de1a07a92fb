package com.example;

public class Cart {
    public int total() {
        Price price = new Price(3);
        return price.cents();
    }
}
