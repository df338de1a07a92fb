package com.example.inject;

public interface Provider<T> {
    T get();
}
