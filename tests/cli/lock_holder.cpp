// Holds the write lock of an idx database until its stdin closes, so the CLI
// tests can make "another writer" without racing a real `idx add`. Prints
// `locked` once the lock is held.

#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: idx_lock_holder DB\n";
        return 2;
    }
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    std::cout << "locked" << std::endl;
    char c = 0;
    while (std::cin.get(c)) {
    }
    return 0;
}
