package com.example.inject.throwingproviders;

public class ThrowingHandler {
}
