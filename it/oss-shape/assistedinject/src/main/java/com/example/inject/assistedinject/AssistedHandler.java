package com.example.inject.assistedinject;

public class AssistedHandler {
}
