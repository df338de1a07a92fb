package com.example.inject.examples;

public final class Example {
    public static void main(String[] args) {
        new com.example.inject.servlet.ServletModule();
    }
}
