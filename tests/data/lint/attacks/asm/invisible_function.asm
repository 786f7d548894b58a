; NASM, x86-64 Linux: the call goes to the invisible twin
global _start
section .text
_start:
    call is​Admin      ; looks like isAdmin
    mov rax, 60
    xor rdi, rdi
    syscall
isAdmin:
    xor eax, eax
    ret
is​Admin:
    mov eax, 1
    ret
section .data
msg: db 'Ünïcödé in a string is fine', 10
