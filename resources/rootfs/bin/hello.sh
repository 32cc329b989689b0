#!/bin/sh
echo "hello from the SIS disk"
