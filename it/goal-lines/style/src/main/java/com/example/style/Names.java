package com.example.style;

import java.util.List;
import java.io.*;

public class Names {
    public String greet(String name) {
        return "Hello, " + name;
    }
}
