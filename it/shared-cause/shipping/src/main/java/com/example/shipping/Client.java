package com.example.shipping;

import com.example.api.Price;

public class Client {
    int charge(int amount) {
        return Price.total(amount);
    }
}
