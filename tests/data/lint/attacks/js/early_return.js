#!/usr/bin/env node
const bank = { alice: 100 };

function subtractFunds(account, amount) {
    /* Subtract funds from bank account then ⁧*/ return;
    bank[account] -= amount;
}

subtractFunds("alice", 50);
