package com.example.billing;

public class Bill {
}
