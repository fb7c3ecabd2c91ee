"""kamsim: a serious game that trains and assesses pharmaceutical Key Account Managers."""

__version__ = "0.1.0"
