package com.example.inject;

/** Binds keys to providers (was: register(Class, Object)). */
public interface Binder {
    <T> void bind(Class<T> type, Provider<? extends T> provider);
}
