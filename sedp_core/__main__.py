from sedp_core.cli import main

main()
