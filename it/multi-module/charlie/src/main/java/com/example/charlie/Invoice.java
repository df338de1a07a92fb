package com.example.charlie;

public class Invoice {
    public long total() {
        Money net = Money.of(100);
        return net.cents();
    }

    public int lines() {
        return "three";
    }
}
