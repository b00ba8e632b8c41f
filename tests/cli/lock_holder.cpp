// Holds the write locks of an idx database (idx's own and Xapian's, as
// `idx add` does) until its stdin closes, so the CLI tests can make "another
// writer" without racing a real `idx add`. Prints `locked` once they are held.

#include <iostream>

#include "indexer/database.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: idx_lock_holder DB\n";
        return 2;
    }
    const idx::indexer::WritableIndex index = idx::indexer::open_for_writing(argv[1], false);
    std::cout << "locked" << std::endl;
    char c = 0;
    while (std::cin.get(c)) {
    }
    return 0;
}
