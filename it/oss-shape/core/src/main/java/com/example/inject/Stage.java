package com.example.inject;

public enum Stage { DEVELOPMENT, PRODUCTION }
