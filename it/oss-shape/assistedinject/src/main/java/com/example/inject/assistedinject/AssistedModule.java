package com.example.inject.assistedinject;

import com.example.inject.Binder;
import com.example.inject.Module;
import java.util.List;
import java.util.Map;

public class AssistedModule implements Module {
    private final Map<String, List<AssistedHandler>> handlers = new java.util.HashMap<>();

    @Override
    public void configure(Binder binder) {
        binder.register(handlers, new AssistedHandler());
    }
}
