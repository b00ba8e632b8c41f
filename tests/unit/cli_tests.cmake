# Units of cli/: the printers and the exit status table, in-process.
idx_test(json_printer_test SOURCES json_printer_test.cpp LIBS idx_cli)
idx_test(text_printer_test SOURCES text_printer_test.cpp LIBS idx_cli)
idx_test(exit_status_test SOURCES exit_status_test.cpp LIBS idx_cli)
idx_test(http_params_test SOURCES http_params_test.cpp LIBS idx_serve)
idx_test(turnstile_test SOURCES turnstile_test.cpp LIBS idx_cli)
