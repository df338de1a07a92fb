package com.example.inject.persist;

public class PersistHandler {
}
