#include "cli/command.hpp"

int main(int argc, char** argv) {
    return idx::cli::main_entry(argc, argv, idx::cli::run_serve_program);
}
