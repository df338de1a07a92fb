package com.example.strict;

import java.util.ArrayList;
import java.util.List;

public class Legacy {
    @SuppressWarnings("unused")
    private final List names = new ArrayList();

    public Integer boxed(int value) {
        return new Integer(value);
    }
}
