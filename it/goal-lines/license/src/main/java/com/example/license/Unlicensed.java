package com.example.license;

public class Unlicensed {
}
