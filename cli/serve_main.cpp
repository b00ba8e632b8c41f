// idx-serve: what `idx serve` runs (cli/serve_program.hpp says why it is a
// program of its own). It takes idx's whole command line, `serve` included.
#include "cli/command.hpp"

int main(int argc, char** argv) {
    return idx::cli::main_entry(argc, argv, idx::cli::run_serve);
}
