package com.example.billing;

import com.example.api.Price;

public class Client {
    int charge(int amount) {
        return Price.total(amount);
    }
}
