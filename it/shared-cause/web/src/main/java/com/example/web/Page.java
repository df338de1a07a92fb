package com.example.web;

import com.example.api.Price;

public class Page {
    String price(int amount) {
        int title = "Price: " + Price.cents(amount);
        return String.valueOf(title);
    }
}
