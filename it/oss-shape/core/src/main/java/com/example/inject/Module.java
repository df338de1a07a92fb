package com.example.inject;

public interface Module {
    void configure(Binder binder);

    /** New: every module must say how it installs in a stage. */
    void install(Binder binder, Stage stage);
}
