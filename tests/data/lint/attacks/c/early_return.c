#include <stdio.h>

static int balance = 100;

void subtract_funds(int amount) {
    /* Subtract funds from the account then ⁧*/ return;
    balance -= amount;
}
