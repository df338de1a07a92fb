package com.example;

import java.util.ArrayList;
import java.util.List;

public class Hog {
    public static void main(String[] args) {
        String keepAllBut = System.getProperty("hog.keepAllButKb");
        if (keepAllBut != null) {
            keep(Integer.parseInt(keepAllBut));
        }
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }

    /**
     * Fills the heap (8 MB blocks, then 1 KB blocks) and keeps it full after the error but {@code kb} KB: the hoard
     * stays in the system properties, reachable for the JVM's life.
     */
    private static void keep(int kb) {
        List<long[]> hoard = new ArrayList<>(1 << 18);
        System.getProperties().put("hog.hoard", hoard);
        try {
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        } catch (OutOfMemoryError big) {
            // fill the rest
        }
        try {
            while (true) {
                hoard.add(new long[127]);
            }
        } catch (OutOfMemoryError e) {
            for (int i = 0; i < kb && hoard.size() > 1; i++) {
                hoard.remove(hoard.size() - 1);
            }
            throw e;
        }
    }
}
