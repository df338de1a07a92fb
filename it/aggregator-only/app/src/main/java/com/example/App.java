package com.example;

public class App {
    int broken = "not a number";
}
