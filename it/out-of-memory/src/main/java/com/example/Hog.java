package com.example;

import java.util.ArrayList;
import java.util.List;

public class Hog {
    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        if (Boolean.getBoolean("hog.keep")) {
            // Keeps what it took after the error (in the system properties, reachable for the JVM's life), and takes
            // it down to the last small block, so that the heap stays full.
            System.getProperties().put("hog.hoard", hoard);
            int size = 1 << 20;
            while (true) {
                try {
                    hoard.add(new long[size]);
                } catch (OutOfMemoryError e) {
                    if (size == 1) {
                        throw e;
                    }
                    size /= 2;
                }
            }
        }
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }
}
