package com.example.inject.codec;

import java.util.ArrayList;
import java.util.List;

public final class Codec {
    public List<String> decode(String text) {
        List parts = new ArrayList<String>();
        for (String part : text.split(",")) {
            parts.add(part.trim());
        }
        return parts;
    }
}
