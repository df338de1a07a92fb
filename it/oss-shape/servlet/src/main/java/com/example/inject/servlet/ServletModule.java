package com.example.inject.servlet;

import com.example.inject.Binder;
import com.example.inject.Module;
import java.util.List;
import java.util.Map;

public class ServletModule implements Module {
    private final Map<String, List<ServletHandler>> handlers = new java.util.HashMap<>();

    @Override
    public void configure(Binder binder) {
        binder.register(handlers, new ServletHandler());
    }
}
