package com.example.inject;

import java.util.HashMap;
import java.util.Map;

public final class Injector {
    private final Map<Class<?>, Binding<?>> bindings = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T getInstance(Class<T> type) {
        Binding<T> binding = (Binding<T>) bindings.get(type);
        return binding.provider().get();
    }

    public int size() {
        return bindings.size();
    }
}
