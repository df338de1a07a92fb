package com.example;

public class Cart {
    public int add(int a, int b) {
        return a + b;
    }
}
