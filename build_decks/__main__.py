from build_decks.cli import main

raise SystemExit(main())
