package shop

class Cart {
    List<Integer> items = []
    int sum() { items.sum( }
}
