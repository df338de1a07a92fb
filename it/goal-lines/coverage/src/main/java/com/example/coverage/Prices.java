package com.example.coverage;

public class Prices {
    public int total(int price, int quantity) {
        return price * quantity;
    }

    public int discount(int total) {
        if (total > 100) {
            return total / 10;
        }
        if (total > 50) {
            return total / 20;
        }
        return 0;
    }

    public String label(int total) {
        StringBuilder sb = new StringBuilder();
        sb.append("total: ");
        sb.append(total);
        return sb.toString();
    }
}
