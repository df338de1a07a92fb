package shop

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class CookieTest {
    @Test
    fun `cookie set on unspecified path is set to root URL`() {
        val path: String? = null
        assertEquals("/", path)
    }

    @Test
    fun `cookie keeps its name`() {
        assertEquals("session", "session")
    }
}
