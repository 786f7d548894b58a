/* Привет, мир! Это проверка.
 * שָׁלוֹם עוֹלָם
 * 你好，世界 👨‍👩‍👧‍👦
 */
#include <stdio.h>

int main(void) {
    // مرحبا بالعالم
    const char *fa = "می‌خواهم کتاب‌ها را بخوانم";
    const char *el = "Καλημέρα κόσμε";
    const char *emoji = "👨‍👩‍👧‍👦 🏴󠁧󠁢󠁥󠁮󠁧󠁿 ❤️";
    printf("%s %s %s\n", fa, el, emoji);
    return 0;
}
