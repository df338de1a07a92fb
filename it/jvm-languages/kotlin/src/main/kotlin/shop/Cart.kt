package shop

class Cart(val items: List<Int>) {
    fun sum(): Int = items.sum()
    fun describe(): String = "total " + totl
    fun count(): String = items.size
}
