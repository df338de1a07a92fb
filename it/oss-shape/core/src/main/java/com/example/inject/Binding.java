package com.example.inject;

public final class Binding<T> {
    private final Provider<T> provider;

    public Binding(Provider<T> provider) {
        this.provider = provider;
    }

    public Provider<T> provider() {
        return provider;
    }
}
