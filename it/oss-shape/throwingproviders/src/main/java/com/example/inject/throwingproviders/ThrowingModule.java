package com.example.inject.throwingproviders;

import com.example.inject.Binder;
import com.example.inject.Module;
import java.util.List;
import java.util.Map;

public class ThrowingModule implements Module {
    private final Map<String, List<ThrowingHandler>> handlers = new java.util.HashMap<>();

    @Override
    public void configure(Binder binder) {
        binder.register(handlers, new ThrowingHandler());
    }
}
