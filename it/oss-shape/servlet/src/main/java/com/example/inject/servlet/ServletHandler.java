package com.example.inject.servlet;

public class ServletHandler {
}
