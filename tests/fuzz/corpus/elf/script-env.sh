#! /usr/bin/env  -S awk -f 	
BEGIN {}
