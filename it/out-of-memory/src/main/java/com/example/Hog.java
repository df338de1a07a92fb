package com.example;

import java.util.ArrayList;
import java.util.List;

public class Hog {
    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }
}
