package com.example.bravo;

public class Discount {
    /** The price after a discount of {@code percent}, in cents (the bug: the discount is applied twice). */
    public long apply(long cents, int percent) {
        return cents - 2 * cents * percent / 100;
    }
}
