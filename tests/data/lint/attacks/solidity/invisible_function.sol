pragma solidity >=0.7.0 <0.9.0;

// Привет: a Russian comment is fine
contract Access {
    function isAdmin() private pure returns (bool) {
        return false;
    }

    function is​Admin() private pure returns (bool) {
        return true;
    }

    function check() public pure returns (bool) {
        return is​Admin();
    }
}
