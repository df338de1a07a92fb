package com.example.alpha;

public class Catalog {
    public int size() {
        return 3;
    }
}
