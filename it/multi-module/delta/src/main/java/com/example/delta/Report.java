package com.example.delta;

public class Report {
    public String title() {
        return "Invoices";
    }
}
