src/equity/indices.o: src/equity/indices.c src/equity/indices.h
src/equity/indices.h:
