"""Routes to money, each on its own elements under the governing law: whether the negligence
route is open between contracting parties (economic_loss), what the contract's cap and exclusions
do under that law (limits), and the data both read (law)."""
