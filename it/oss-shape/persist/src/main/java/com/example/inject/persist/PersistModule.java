package com.example.inject.persist;

import com.example.inject.Binder;
import com.example.inject.Module;
import java.util.List;
import java.util.Map;

public class PersistModule implements Module {
    private final Map<String, List<PersistHandler>> handlers = new java.util.HashMap<>();

    @Override
    public void configure(Binder binder) {
        binder.register(handlers, new PersistHandler());
    }
}
